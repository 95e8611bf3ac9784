import data from './data.json' with { type: 'json' };
export const version = data.version;
export default data;
