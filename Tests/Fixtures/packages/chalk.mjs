import chalk, { Chalk } from 'chalk';
const forced = new Chalk({ level: 1 });
console.log(JSON.stringify(forced.red('red')), JSON.stringify(forced.bold.blue('bb')), chalk.level >= 0);
