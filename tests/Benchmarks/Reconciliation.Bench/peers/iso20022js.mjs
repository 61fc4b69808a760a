// node iso20022js.mjs <file>: parse a camt.053 with iso20022.js (CashManagementEndOfDayReport.fromXML); print the entry
// count, or the reason it cannot read the file (exit 3), which the benchmark reports as such.
import fs from 'fs';
import { CashManagementEndOfDayReport } from 'iso20022.js';
let report;
try {
  report = CashManagementEndOfDayReport.fromXML(fs.readFileSync(process.argv[2], 'utf8'));
} catch (e) {
  console.log('cannot read the file: ' + String((e && e.message) || e).split('\n')[0]);
  process.exit(3);
}
const statements = report.statements || [];
console.log(statements.reduce((n, s) => n + (s.entries ? s.entries.length : 0), 0) + ' entries');
