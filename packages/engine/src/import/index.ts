export { importFile, importFiles } from './import-file.js';
export { rejectsPathFor } from './rejects.js';
export type { ImportCounts, ImportFileReport, ImportKind, ImportOptions } from './types.js';
