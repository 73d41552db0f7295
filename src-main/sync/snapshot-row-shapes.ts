// The structural check of a snapshot's staged rows (snapshot-apply.ts): instead of the pull's zod
// schemas row by row (about a fifth of the apply's time for a million rows), each field's JSON
// type and presence, derived from those same schemas, so the rows still reach the cache only in
// the protocol's shapes. Why that is enough: the file's SHA-256 was checked against what the
// authenticated server announced before a line of it is read (snapshot-download.ts); the formats
// the types leave open (UUIDs, dates, decimals, enums, lengths) are the cache's STRICT types and
// CHECKs, which refuse the whole copy (catalog-stage.ts); and the checksum verification that
// ends every sync compares every stored row with the server's, repairing any difference by pages.
import { z } from 'zod';
import { PullResponse } from '../../src-shared/sync/protocol.js';
import type { StagedCollection } from '../store/catalog-stage.js';
import { SnapshotRefusedError } from './snapshot-download.js';

type Kind = 'string' | 'boolean' | 'integer' | 'number' | 'null';
interface FieldShape {
  field: string;
  /** null: any value (a type the JSON Schema cannot state; the cache's CHECKs still apply). */
  kinds: ReadonlySet<Kind> | null;
  required: boolean;
}

interface JsonSchemaNode {
  type?: Kind | Kind[];
  anyOf?: JsonSchemaNode[];
  items?: { properties?: Record<string, JsonSchemaNode>; required?: string[] };
}

function kindsOf(node: JsonSchemaNode): Set<Kind> | null {
  if (typeof node.type === 'string') return new Set([node.type]);
  if (Array.isArray(node.type)) return new Set(node.type);
  if (node.anyOf !== undefined) {
    const all = node.anyOf.map(kindsOf);
    return all.some((kinds) => kinds === null) ? null : new Set(all.flatMap((kinds) => [...(kinds ?? [])]));
  }
  return null;
}

const shapes = new Map<StagedCollection, FieldShape[]>();

function shapeOf(collection: StagedCollection): FieldShape[] {
  let shape = shapes.get(collection);
  if (shape === undefined) {
    const schema = z.toJSONSchema(PullResponse.shape.changes.shape[collection], { io: 'input', unrepresentable: 'any' }) as JsonSchemaNode;
    const required = new Set(schema.items?.required ?? []);
    shape = Object.entries(schema.items?.properties ?? {}).map(([field, node]) => ({ field, kinds: kindsOf(node), required: required.has(field) }));
    if (shape.length === 0) throw new Error(`no row schema for ${collection}`);
    shapes.set(collection, shape);
  }
  return shape;
}

function kindOf(value: unknown): Kind | 'other' {
  if (value === null) return 'null';
  switch (typeof value) {
    case 'string':
      return 'string';
    case 'boolean':
      return 'boolean';
    case 'number':
      return Number.isInteger(value) ? 'integer' : 'number';
    default:
      return 'other';
  }
}

/** Refuses (SnapshotRefusedError naming the row and field) unless every row has the protocol's fields with their JSON types. */
export function checkRowShapes(collection: StagedCollection, rows: unknown): asserts rows is { changeVersion: string }[] {
  if (!Array.isArray(rows)) throw new SnapshotRefusedError(`snapshot: the rows of a ${collection} chunk are not an array`);
  const shape = shapeOf(collection);
  rows.forEach((row: unknown, index) => {
    if (typeof row !== 'object' || row === null || Array.isArray(row)) throw new SnapshotRefusedError(`snapshot: ${collection}.${index} is not an object`);
    for (const { field, kinds, required } of shape) {
      const value = (row as Record<string, unknown>)[field];
      if (value === undefined) {
        if (required) throw new SnapshotRefusedError(`snapshot: ${collection}.${index}.${field} is missing`);
        continue;
      }
      const kind = kindOf(value);
      const allowed = kinds === null || (kind !== 'other' && (kinds.has(kind) || (kind === 'integer' && kinds.has('number'))));
      if (!allowed) throw new SnapshotRefusedError(`snapshot: ${collection}.${index}.${field} must be ${[...(kinds ?? [])].join(' or ')}, got ${kind}`);
    }
  });
}
