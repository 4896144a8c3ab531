// Where the translator reads and writes.
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

export const PROJECT_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const MODEL_ROOT = join(PROJECT_ROOT, 'kernel-model');
/** The kernel's C, one folder per base: kernel-model/c/<base>/<kernel path>. */
export const C_ROOT = join(MODEL_ROOT, 'c');
