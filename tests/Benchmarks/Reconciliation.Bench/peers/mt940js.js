// node mt940js.js <file> [--json]: parse with mt940js; print the entry count, or the statements as JSON (as recon parse --json does).
const fs = require('fs');
const mt940js = require('mt940js');
const statements = new mt940js.Parser().parse(fs.readFileSync(process.argv[2], 'utf8'));
if (process.argv.includes('--json')) process.stdout.write(JSON.stringify(statements, null, 2) + '\n');
else console.log(statements.reduce((n, s) => n + s.transactions.length, 0) + ' entries');
