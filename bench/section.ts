/**
 * Runs one section and sends its rows to the parent (bench/index.ts). A process per section keeps
 * one section's heap and JIT feedback out of the next one's numbers.
 */
import { SECTIONS } from './sections.js';

const name = process.argv[2] ?? '';
const section = SECTIONS[name];
if (section === undefined) throw new Error(`unknown bench section '${name}'; known: ${Object.keys(SECTIONS).join(', ')}`);
const rows = await (await section.load()).run();
if (process.send) process.send(rows);
else console.log(JSON.stringify(rows));
