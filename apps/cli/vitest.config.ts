import { ferryProject } from '../../vitest.shared.ts';

export default ferryProject(import.meta.dirname);
