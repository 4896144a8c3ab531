// Reads an input file for intake, refusing what cannot be a mail or a patch before spending
// memory on it: the size is checked with stat before the file is read, so a 20 MB attachment or
// a stray disk image gets one clear line instead of an out-of-memory crash.
import { open, stat } from 'node:fs/promises';
import { HarnessError } from '../errors.ts';

/** Mails and lore threads worth reviewing are far below this; anything larger is a mistake. */
export const MAX_INPUT_BYTES = 10 * 1024 * 1024;

/** How much of the start of a file is searched for NUL bytes to call it binary. */
const BINARY_SNIFF_BYTES = 8192;

export interface InputFile {
  path: string;
  bytes: Buffer;
}

function describeSize(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MB` : `${bytes} bytes`;
}

export async function readInputFile(path: string, maxBytes: number = MAX_INPUT_BYTES): Promise<InputFile> {
  let size: number;
  try {
    const info = await stat(path);
    if (info.isDirectory()) throw new HarnessError(`${path}: is a directory, not a mail or patch file`);
    if (!info.isFile()) throw new HarnessError(`${path}: not a regular file`);
    size = info.size;
  } catch (err) {
    if (err instanceof HarnessError) throw err;
    throw new HarnessError(`${path}: cannot read: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  if (size === 0) throw new HarnessError(`${path}: empty file`);
  if (size > maxBytes) {
    throw new HarnessError(
      `${path}: ${describeSize(size)} is over the ${describeSize(maxBytes)} input limit; pass the one mail or patch to inspect`,
    );
  }
  // Read at most maxBytes even if the file grew since stat: the limit holds either way.
  const handle = await open(path, 'r');
  let bytes: Buffer;
  try {
    const buffer = Buffer.alloc(size);
    const { bytesRead } = await handle.read(buffer, 0, size, 0);
    bytes = buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
  if (bytes.length === 0) throw new HarnessError(`${path}: empty file`);
  if (bytes.subarray(0, BINARY_SNIFF_BYTES).includes(0)) {
    throw new HarnessError(`${path}: binary file (NUL bytes), not a mail or patch`);
  }
  if (bytes.toString('latin1').trim() === '') throw new HarnessError(`${path}: only whitespace, no mail or patch`);
  return { path, bytes };
}
