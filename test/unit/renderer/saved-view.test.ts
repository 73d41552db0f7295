import { describe, expect, it } from 'vitest';
import { uploadText } from '../../../src-renderer/saved-view.js';

const upload = { attempts: 0, nextAttemptAt: null, lastError: null, rejectedReason: null };

describe('saved comparison upload state', () => {
  it('tells the rep whether the server has the comparison', () => {
    expect(uploadText({ upload: { ...upload, status: 'pending' } })).toBe('Waiting to upload');
    expect(uploadText({ upload: { ...upload, status: 'uploading', attempts: 2, lastError: 'server unreachable' } })).toBe('Waiting to upload (last try: server unreachable)');
    expect(uploadText({ upload: { ...upload, status: 'applied' } })).toBe('Uploaded');
    expect(uploadText({ upload: null })).toBe('From another computer');
  });

  it("shows the server's reason next to a refused comparison", () => {
    expect(uploadText({ upload: { ...upload, status: 'rejected', rejectedReason: 'product withdrawn before the comparison date' } })).toBe(
      'Refused by the server: product withdrawn before the comparison date',
    );
  });
});
