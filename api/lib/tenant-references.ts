/** Moved to services/tenant-references.ts (issue 18); this re-export serves the files not moved yet. */
export * from '../../services/tenant-references.js';
