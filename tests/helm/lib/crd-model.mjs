// Models for custom resources that no kubernetes-models package covers, compiled from a JSON schema in
// tests/helm/schemas. Same interface as the kubernetes-models classes: `Model.prototype.validate.call(object)`
// throws when the object is invalid. The schemas close every object (additionalProperties: false), so an
// unknown field is a validation error; metadata is validated as a Kubernetes ObjectMeta.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv from 'ajv';
import { ObjectMeta } from '@kubernetes-models/apimachinery/apis/meta/v1/ObjectMeta';

const SCHEMAS = join(dirname(fileURLToPath(import.meta.url)), '../schemas');
const ajv = new Ajv({ allErrors: true, strict: false });

export function crdModel(file) {
  const check = ajv.compile(JSON.parse(readFileSync(join(SCHEMAS, file), 'utf8')));
  return class {
    validate() {
      // ObjectMeta last: the unknown-field check keeps the property reads of the latest access to metadata.
      const valid = check(this);
      if (this.metadata) ObjectMeta.prototype.validate.call(this.metadata);
      if (!valid) throw new Error(ajv.errorsText(check.errors, { dataVar: '' }));
    }
  };
}

// apiVersion -> kind -> model
export const CRD_MODELS = {
  'elbv2.k8s.aws/v1beta1': { TargetGroupBinding: crdModel('targetgroupbinding-v1beta1.json') },
};
