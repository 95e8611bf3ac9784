const { Command } = require('commander');
const program = new Command();
program.name('tool').option('-d, --debug', 'debug').option('-n, --num <n>', 'number', parseFloat).argument('<file>');
program.parse(['node', 'tool', '-d', '--num', '3.5', 'input.txt']);
console.log(program.opts(), program.args);
