console.log('sync: evaluated');
export const syncValue = 'sync';
