export { createOutput, type Output, type OutputStreams } from './output.js';
export { colourEnabled, type Painter, painter, type Tone } from './tone.js';
