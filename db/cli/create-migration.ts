// Generates a migration (and refreshes the committed snapshot) from the entity definitions.
import { createOrm } from '../orm.js';

const url = process.env.DATABASE_URL;
if (!url) throw new Error('DATABASE_URL is required to diff the schema');
const orm = await createOrm(url);
const name = process.argv[2];
const initial = process.argv.includes('--initial');
const result = await orm.getMigrator().createMigration(undefined, false, initial, name);
console.log(result.fileName || 'no changes');
await orm.close(true);
