// Reads the first sheet of an .xlsx with exceljs's streaming reader in a worker thread and posts its
// rows to the import in batches, so that unzipping and XML parsing (as long as the whole import
// took before) run on the second core while the main thread validates and writes. Plain JavaScript:
// a worker starts without the TypeScript loader the server and the tests run under.
import { parentPort, workerData } from 'node:worker_threads';
import ExcelJS from 'exceljs';

const { file, batchRows, ahead } = workerData;
let credit = ahead;
let wake = null;
// The main thread acknowledges each batch it has taken; the reader never runs more than `ahead`
// batches in front of the writer, so memory stays flat when the database is the slower side.
parentPort.on('message', () => {
  credit += 1;
  const resume = wake;
  wake = null;
  resume?.();
});

async function send(rows) {
  while (credit === 0) await new Promise((resolve) => (wake = resolve));
  credit -= 1;
  parentPort.postMessage({ rows });
}

try {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  // exceljs parses a worksheet as it streams by when the shared strings and the workbook's
  // relationships came before it, and reads `this.model` (from xl/workbook.xml) for it then; but a
  // valid file may put xl/workbook.xml last — exceljs's own writer does, with the shared strings
  // before or after the sheet as its async writes happen to finish — and the read failed with
  // "Cannot read properties of undefined (reading 'sheets')" (a date cell would also miss the
  // workbook's 1904 setting). The relationships are hidden from that check until the workbook is
  // read, so such a sheet takes exceljs's other path: kept in a temporary file, parsed at the end.
  let rels;
  Object.defineProperty(reader, 'workbookRels', {
    get: () => (reader.model ? rels : undefined),
    set: (v) => {
      rels = v;
    },
  });
  let batch = [];
  for await (const sheet of reader) {
    for await (const row of sheet) {
      // [row number, cell values with index 1 = column A]: values are strings, numbers, booleans,
      // dates and plain objects (rich text, formulas, errors), all of which cross threads as they are.
      batch.push([row.number, row.values]);
      if (batch.length >= batchRows) {
        await send(batch);
        batch = [];
      }
    }
    break;
  }
  if (batch.length > 0) await send(batch);
  parentPort.postMessage({ done: true });
} catch (err) {
  parentPort.postMessage({ error: String(err?.message ?? err) });
}
