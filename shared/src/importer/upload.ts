import { unzipSync } from 'fflate';
import { PLAN_IMPORT_EXTENSIONS, PLAN_IMPORT_MAX_CHARS } from '../api/plan-imports.ts';
import { PlanImportError } from './docx-text.ts';
import { importPlanDocx, importPlanText } from './import-plan.ts';
import type { PlanProposal } from './proposal.ts';

/** Largest document.xml (or other part) a .docx may unpack to: a guard against zip bombs. */
const MAX_DOCX_PART_BYTES = 64 * 1024 * 1024;

/** What an uploaded plan document yields: the proposal, and the text its sources point into. */
export interface ReadUpload {
  proposal: Omit<PlanProposal, 'sourceText'>;
  sourceText: string;
}

const isZip = (b: Uint8Array) => b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
const isPdf = (b: Uint8Array) => b[0] === 0x25 && b[1] === 0x50 && b[2] === 0x44 && b[3] === 0x46;
const isOle = (b: Uint8Array) => b[0] === 0xd0 && b[1] === 0xcf && b[2] === 0x11 && b[3] === 0xe0;

/**
 * Reads an uploaded plan (.docx, .md or .txt), checking that the name and the bytes agree. Anything
 * it refuses is a PlanImportError with a Chinese message for the user.
 */
export async function readPlanUpload(fileName: string, bytes: Uint8Array): Promise<ReadUpload> {
  const ext = /\.[^.]+$/.exec(fileName.toLowerCase())?.[0] ?? '';
  if (bytes.length === 0) throw new PlanImportError('文件是空的');
  if (ext === '.docx' && isOle(bytes))
    throw new PlanImportError(
      '文件不是有效的 Word 文档（.docx）：它是旧版 Office 文件（.doc、.xls 等）改了扩展名，请另存为 .docx 后再导入',
    );
  if (ext === '.doc' || ext === '.wps' || isOle(bytes))
    throw new PlanImportError('不支持旧版 Word 格式（.doc），请在 Word 中另存为 .docx 后再导入');
  if (ext === '.pdf' || isPdf(bytes))
    throw new PlanImportError('不支持 PDF 文件，请上传 Word（.docx）或文本（.md、.txt）格式的方案');
  if (!(PLAN_IMPORT_EXTENSIONS as readonly string[]).includes(ext)) {
    throw new PlanImportError(`只接受 ${PLAN_IMPORT_EXTENSIONS.join('、')} 文件，收到的是“${fileName}”`);
  }
  // A .docx renamed to .txt is still a Word document; a .docx that is no zip is not one.
  if (isZip(bytes)) {
    checkDocxSizes(bytes);
    const { sourceText = '', ...proposal } = await importPlanDocx(bytes);
    return { proposal, sourceText };
  }
  if (ext === '.docx') throw new PlanImportError('文件不是有效的 Word 文档（.docx），可能已损坏或只是改了扩展名');
  return readPlanText(decodeUtf8(bytes));
}

/** Reads pasted or decoded text. */
export function readPlanText(raw: string): ReadUpload {
  const text = raw.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n');
  if (text.trim() === '') throw new PlanImportError('文件内容为空');
  if (text.length > PLAN_IMPORT_MAX_CHARS)
    throw new PlanImportError(`方案文本过长（超过 ${PLAN_IMPORT_MAX_CHARS} 字）`);
  const { sourceText = text, ...proposal } = importPlanText(text);
  return { proposal, sourceText };
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new PlanImportError('文件不是 UTF-8 编码的文本（若为 GBK 编码，请另存为 UTF-8 后再导入）');
  }
}

/** Refuses a .docx whose parts claim to unpack to more than the limit, before unpacking anything. */
function checkDocxSizes(bytes: Uint8Array): void {
  let tooBig = false;
  try {
    unzipSync(bytes, {
      filter: (f) => {
        if (f.originalSize > MAX_DOCX_PART_BYTES) tooBig = true;
        return false;
      },
    });
  } catch {
    throw new PlanImportError('无法读取 .docx 文件：文件已损坏或不是 Word 文档（.docx）');
  }
  if (tooBig) throw new PlanImportError('Word 文档内容过大，无法导入');
}
