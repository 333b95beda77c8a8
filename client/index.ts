export * from './api-client'
