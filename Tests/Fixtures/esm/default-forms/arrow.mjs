export default (x) => `arrow(${x})`
