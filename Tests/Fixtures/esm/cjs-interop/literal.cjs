const one = 1, two = 2;
function three() { return 3; }
module.exports = { one, two: two, 'three': three, four: 4 };
