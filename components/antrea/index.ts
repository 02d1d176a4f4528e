// The antrea area (lands with its issue): components, their Args and pure helpers.
export {};
