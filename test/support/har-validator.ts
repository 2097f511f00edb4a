// A validator for HAR 1.2 files built from har-schema (the schema the HAR tooling publishes), so
// every test that exports HAR judges it the same way.
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';

export function harValidator(): ValidateFunction {
  const require = createRequire(import.meta.url);
  const ajv = new Ajv({ strict: false, allErrors: true });
  ajv.addMetaSchema(require('ajv/dist/refs/json-schema-draft-06.json') as object);
  (require('ajv-formats') as (ajv: Ajv) => void)(ajv);
  const schemas = require('har-schema') as Record<string, object>;
  for (const schema of Object.values(schemas)) ajv.addSchema(schema);
  const validate = ajv.getSchema('har.json#');
  if (validate === undefined) throw new Error('har-schema did not load');
  return validate;
}
