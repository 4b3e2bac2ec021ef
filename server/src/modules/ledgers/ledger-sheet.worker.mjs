// Reads the first sheet of an .xlsx with exceljs's streaming reader in a worker thread and posts its
// rows to the import in batches, so that unzipping and XML parsing (as long as the whole import
// took before) run on the second core while the main thread validates and writes. Plain JavaScript:
// a worker starts without the TypeScript loader the server and the tests run under.
import { parentPort, workerData } from 'node:worker_threads';
import ExcelJS from 'exceljs';

const { file, batchRows, ahead } = workerData;
let credit = ahead;
let stopped = false;
let wake = null;
// The main thread acknowledges each batch it has taken; the reader never runs more than `ahead`
// batches in front of the writer, so memory stays flat when the database is the slower side.
// 'stop' says the caller left early (a bad row, a failed write): the reader winds down and exits.
parentPort.on('message', (message) => {
  if (message === 'stop') stopped = true;
  else credit += 1;
  const resume = wake;
  wake = null;
  resume?.();
});

class Stopped extends Error {}

async function send(rows) {
  while (credit === 0 && !stopped) await new Promise((resolve) => (wake = resolve));
  if (stopped) throw new Stopped();
  credit -= 1;
  parentPort.postMessage({ rows });
}

// exceljs's streaming reader depends on the order of the parts in the zip, and on timing: a sheet
// that streams by before xl/workbook.xml failed with "Cannot read properties of undefined (reading
// 'sheets')", and a sheet read before the shared strings were cached gave `{ sharedString: n }` in
// place of its texts (exceljs's own writer, which makes our templates and exports, orders those
// parts as its async writes finish; 24–34 of the 120 orders of five parts failed, differently from
// run to run). The relationships are hidden from exceljs's "parse now" check until the workbook and
// its styles are read, which sends such a sheet down its deferred path; and if the stream still gives an
// unresolved text or fails before any row was posted, the file is read whole instead (correct in
// every order; more memory, taken only then).
class ReadWhole extends Error {}

const unresolved = (values) => values.some((v) => v !== null && typeof v === 'object' && 'sharedString' in v);

async function streamRows() {
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(file, {
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  // Without the styles a date cell streams by as its serial number, so they are waited for too.
  let rels;
  let styled = false;
  const parseStyles = reader._parseStyles.bind(reader);
  reader._parseStyles = async (entry) => {
    await parseStyles(entry);
    styled = true;
  };
  Object.defineProperty(reader, 'workbookRels', {
    get: () => (reader.model && styled ? rels : undefined),
    set: (v) => {
      rels = v;
    },
  });
  let batch = [];
  let sent = false;
  try {
    for await (const sheet of reader) {
      for await (const row of sheet) {
        if (!sent && unresolved(row.values)) throw new ReadWhole();
        // [row number, cell values with index 1 = column A]: values are strings, numbers, booleans,
        // dates and plain objects (rich text, formulas, errors), all of which cross threads as they are.
        batch.push([row.number, row.values]);
        if (batch.length >= batchRows) {
          await send(batch);
          sent = true;
          batch = [];
        }
      }
      break;
    }
  } catch (err) {
    // Nothing posted yet: the whole-file read starts over; after that, the import fails with the reason.
    throw sent || err instanceof Stopped ? err : new ReadWhole();
  } finally {
    // The zip may still be streaming in (the loop stops at the first sheet, or failed midway):
    // closed here, so that no read or inflate is left running when the thread ends.
    reader.stream?.destroy();
  }
  if (batch.length > 0) await send(batch);
}

async function wholeRows() {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(file);
  const rows = [];
  workbook.worksheets[0]?.eachRow((row) => rows.push([row.number, row.values]));
  for (let i = 0; i < rows.length; i += batchRows) await send(rows.slice(i, i + batchRows));
}

try {
  try {
    await streamRows();
  } catch (err) {
    if (!(err instanceof ReadWhole)) throw err;
    await wholeRows();
  }
  parentPort.postMessage({ done: true });
} catch (err) {
  if (!(err instanceof Stopped)) parentPort.postMessage({ error: String(err?.message ?? err) });
}
// The thread then ends on its own once its last read has finished: the caller waits for that rather
// than terminating it, since terminating a thread while a file read or an inflate was still running
// in it crashed the whole process in Node 20 (FATAL ERROR: v8::HandleScope::CreateHandle(), in the
// thread's clean-up), once in a test run under load.
parentPort.unref();
