// Where intake finds the model and the patch modules by default: beside the harness in this
// repository, whatever the current directory is. Commands take --model/--patches to point
// elsewhere (the tests point them at fixture trees).
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DEFAULT_MODEL_DIR = resolve(REPO_ROOT, 'kernel-model');
export const DEFAULT_PATCHES_DIR = resolve(REPO_ROOT, 'patches');
