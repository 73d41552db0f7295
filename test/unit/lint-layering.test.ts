// The import-layering rules of eslint.config.js, each shown refusing a violation and letting a
// clean import through. Code is linted as if it lived at `filePath` (the file need not exist).
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint({ cwd: fileURLToPath(new URL('../..', import.meta.url)) });

async function layeringErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((message) => message.ruleId === 'no-restricted-imports').map((message) => message.message);
}

describe('import layering', () => {
  it('lets only src-main/electron/ and the preload import Electron', async () => {
    const electronImport = "import { app } from 'electron';\nexport const name = app.getName();\n";
    expect(await layeringErrors('src-main/services/probe.ts', electronImport)).toEqual([
      expect.stringContaining('Only src-main/electron/ imports Electron'),
    ]);
    expect(await layeringErrors('src-main/compose.ts', "import Store from 'electron-store';\nexport const store = new Store();\n")).toHaveLength(1);
    expect(await layeringErrors('scripts/web-host/probe.ts', electronImport)).toEqual([expect.stringContaining('Scripts run in plain Node')]);
    expect(await layeringErrors('src-main/electron/probe.ts', electronImport)).toEqual([]);
    expect(await layeringErrors('src-preload/probe.ts', electronImport)).toEqual([]);
    expect(await layeringErrors('src-main/services/probe.ts', "import { businessDate } from '../../src-shared/dates.js';\nexport const day = businessDate;\n")).toEqual([]);
  });

  it('keeps src-main, Electron part included, from importing the server', async () => {
    const serverImport = "import { buildApp } from '../../server/app.js';\nexport const app = buildApp;\n";
    expect(await layeringErrors('src-main/services/probe.ts', serverImport)).toEqual([expect.stringContaining('never by import')]);
    expect(await layeringErrors('src-main/electron/probe.ts', serverImport)).toEqual([expect.stringContaining('never by import')]);
    expect(await layeringErrors('src-main/http/probe.ts', "import { classify } from './server-errors.js';\nexport const c = classify;\n")).toEqual([]);
  });

  it('keeps the renderer from importing src-main', async () => {
    expect(await layeringErrors('src-renderer/probe.ts', "import { composeApp } from '../src-main/compose.js';\nexport const c = composeApp;\n")).toEqual([
      expect.stringContaining('The renderer imports only src-shared and its own code'),
    ]);
    expect(await layeringErrors('src-renderer/probe.ts', "import { channelOf } from '../src-shared/desktop-api/channels.js';\nexport const c = channelOf;\n")).toEqual([]);
  });
});
