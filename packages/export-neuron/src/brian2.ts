export function exportToBrian2(): never { throw new Error('todo'); }
