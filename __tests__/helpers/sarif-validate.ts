// Test access to the one SARIF validator (scripts/validate-sarif.mjs, also used by .ci/run).
export { multitoolErrors, schemaErrors } from '../../scripts/validate-sarif.mjs';
