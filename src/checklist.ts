// The twelve sections of the team's Python security checklist, in the order the checklist lists them.
export const CHECKLIST_SECTIONS = [
  'Input Validation',
  'Sensitive Data Handling',
  'Authentication and Authorization',
  'SQL Injection Prevention',
  'Dependency Security',
  'Code Injection Prevention',
  'File Operations',
  'Cryptography',
  'Error Handling',
  'API Security',
  'Logging and Monitoring',
  'Best Practices',
] as const;

export type ChecklistSection = (typeof CHECKLIST_SECTIONS)[number];
