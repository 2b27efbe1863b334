import { describe, expect, it } from 'vitest';
import { ExportSlots } from '../../api/lib/export-slots.js';

describe('ExportSlots', () => {
  it('refuses past the per-organisation bound first, then past the total', () => {
    const slots = new ExportSlots(2, 3);
    const a1 = slots.tryAcquire('a');
    const a2 = slots.tryAcquire('a');
    expect(typeof a1).toBe('function');
    expect(typeof a2).toBe('function');
    expect(slots.tryAcquire('a')).toBe('org');
    const b1 = slots.tryAcquire('b');
    expect(typeof b1).toBe('function');
    expect(slots.tryAcquire('b')).toBe('total');
    expect(slots.tryAcquire('a')).toBe('org');
    expect(slots.inUse).toBe(3);
  });

  it('frees a slot once per release, however often it is called', () => {
    const slots = new ExportSlots(1, 2);
    const a = slots.tryAcquire('a') as () => void;
    a();
    a();
    expect(slots.inUse).toBe(0);
    const again = slots.tryAcquire('a');
    expect(typeof again).toBe('function');
    expect(typeof slots.tryAcquire('b')).toBe('function');
    expect(slots.tryAcquire('c')).toBe('total');
  });
});
