import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { SIZE } from './gbt9704.ts';

/** The paragraph style of titles, tables and the 版记: off the document grid, as 公文 templates set them. */
export const OFF_GRID_STYLE = 'OffGrid';

// The docx package cannot say two things a GB/T 9704 file needs, so they are patched into the XML:
//  - the Normal style's size: Word takes the grid's base character size from docDefaults, but
//    LibreOffice takes it from Normal (and falls back to 12 pt, which spreads 3号 text over two cells);
//  - paragraph-level snapToGrid=0: the package only offers the run-level switch, which does not stop
//    a 2号 title line from snapping to two grid lines.
// The zip is rebuilt with fixed timestamps so the same content gives the same bytes.

function patchStyles(xml: string): string {
  const normal = `<w:style w:type="paragraph" w:styleId="Normal" w:default="1"><w:name w:val="Normal"/><w:qFormat/><w:rPr><w:sz w:val="${SIZE.san}"/><w:szCs w:val="${SIZE.san}"/></w:rPr></w:style>`;
  const patched = xml.replace(/<w:style w:type="paragraph" w:styleId="Normal" w:default="1">.*?<\/w:style>/, normal);
  return patched.replace(
    new RegExp(`(<w:style w:type="paragraph" w:styleId="${OFF_GRID_STYLE}">.*?)(<w:rPr>|</w:style>)`),
    '$1<w:pPr><w:snapToGrid w:val="0"/></w:pPr>$2',
  );
}

/** Dates in the package's properties: the document's own date, not the moment it was rendered. */
function patchCore(xml: string, dateIso: string): string {
  return xml.replace(/(<dcterms:(created|modified) [^>]*>)[^<]*(<\/dcterms:\2>)/g, `$1${dateIso}T00:00:00Z$3`);
}

const FIXED_MTIME = new Date('2000-01-01T00:00:00Z');

/** Applies the patches above to a packed .docx and rezips it deterministically. */
export function patchDocx(docx: Buffer, dateIso: string): Buffer {
  const files = unzipSync(new Uint8Array(docx));
  const styles = files['word/styles.xml'];
  const core = files['docProps/core.xml'];
  if (styles) files['word/styles.xml'] = strToU8(patchStyles(strFromU8(styles)));
  if (core) files['docProps/core.xml'] = strToU8(patchCore(strFromU8(core), dateIso));
  const entries: Zippable = {};
  for (const name of Object.keys(files).sort((a, b) =>
    a === '[Content_Types].xml' ? -1 : b === '[Content_Types].xml' ? 1 : a.localeCompare(b),
  )) {
    entries[name] = [files[name]!, { mtime: FIXED_MTIME, level: 6 }];
  }
  return Buffer.from(zipSync(entries));
}
