// Where the contract suite finds the repository's files.
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SPEC = join(ROOT, 'openapi.yaml');
export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
