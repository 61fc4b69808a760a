// node swiftmessageparser.js <file> [--json]: parse with swiftmessageparser; print the entry count, or the statements as JSON.
const fs = require('fs');
const parser = require('swiftmessageparser');
const statements = parser.parse({ type: 'mt940', data: fs.readFileSync(process.argv[2], 'utf8') });
if (process.argv.includes('--json')) process.stdout.write(JSON.stringify(statements, null, 2) + '\n');
else console.log(statements.reduce((n, s) => n + s.transactions.length, 0) + ' entries');
