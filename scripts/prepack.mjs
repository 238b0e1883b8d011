#!/usr/bin/env node
// Run by `npm pack`/`npm publish` in a package folder: copies the repository's LICENSE and
// CHANGELOG.md into the package, so every tarball carries them (they are git-ignored there).
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
for (const file of ['LICENSE', 'CHANGELOG.md']) copyFileSync(join(root, file), join(process.cwd(), file));
