/** Evidence files the platform accepts: PDF, images and Office documents. */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

interface Kind {
  mime: string;
  extensions: string[];
  magic: (head: Buffer) => boolean;
}

const starts = (head: Buffer, bytes: number[]) => bytes.every((b, i) => head[i] === b);
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

// Office Open XML files are ZIP archives and the older formats OLE compound files: the magic bytes
// tell the container, the extension which application's file it is.
const KINDS: Kind[] = [
  { mime: 'application/pdf', extensions: ['pdf'], magic: (h) => starts(h, [0x25, 0x50, 0x44, 0x46, 0x2d]) },
  { mime: 'image/png', extensions: ['png'], magic: (h) => starts(h, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]) },
  { mime: 'image/jpeg', extensions: ['jpg', 'jpeg'], magic: (h) => starts(h, [0xff, 0xd8, 0xff]) },
  { mime: 'image/gif', extensions: ['gif'], magic: (h) => starts(h, [0x47, 0x49, 0x46, 0x38]) },
  {
    mime: 'image/webp',
    extensions: ['webp'],
    magic: (h) => starts(h, [0x52, 0x49, 0x46, 0x46]) && h.subarray(8, 12).toString('latin1') === 'WEBP',
  },
  {
    mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    extensions: ['docx'],
    magic: (h) => starts(h, ZIP),
  },
  {
    mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    extensions: ['xlsx'],
    magic: (h) => starts(h, ZIP),
  },
  {
    mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
    extensions: ['pptx'],
    magic: (h) => starts(h, ZIP),
  },
  { mime: 'application/msword', extensions: ['doc'], magic: (h) => starts(h, OLE) },
  { mime: 'application/vnd.ms-excel', extensions: ['xls'], magic: (h) => starts(h, OLE) },
  { mime: 'application/vnd.ms-powerpoint', extensions: ['ppt'], magic: (h) => starts(h, OLE) },
];

export const ACCEPTED_EXTENSIONS = KINDS.flatMap((k) => k.extensions);

/** The MIME type of an evidence file when its extension and its first bytes agree; undefined otherwise. */
export function detectEvidenceType(fileName: string, head: Buffer): string | undefined {
  const ext = fileName.toLowerCase().split('.').pop() ?? '';
  const kind = KINDS.find((k) => k.extensions.includes(ext));
  return kind && kind.magic(head) ? kind.mime : undefined;
}
