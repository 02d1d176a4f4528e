// The metallb area (lands with its issue): components, their Args and pure helpers.
export {};
