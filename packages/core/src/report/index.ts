export { type FidelityReport, fidelityReport, type ReportItem } from './fidelity-report.js';
