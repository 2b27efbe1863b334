export const TEST_PASSWORD = 'demo1234';
export const TEST_TASK_QUEUE = 'atlas-crm-test';
export const TEST_APP_ROLE = { user: 'atlas_app', password: 'atlas_app_dev' };
