// The schema files of schemas/ and the objects they are written from.
import { RECORD_SCHEMA } from '../run/record-schema.js';
import { CLAIMS_SCHEMA } from '../claims/claims-file.js';
import { GOLDEN_SCHEMA } from './golden-schema.js';

export const SCHEMA_FILES: Record<string, unknown> = {
  'schemas/golden.schema.json': GOLDEN_SCHEMA,
  'schemas/record.schema.json': RECORD_SCHEMA,
  'schemas/claims.schema.json': CLAIMS_SCHEMA,
};
