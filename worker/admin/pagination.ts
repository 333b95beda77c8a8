import type { Pagination } from '../../contract/admin-wire'

/** Strapi's `meta.pagination` for one page of `total` items. */
export function paginationOf(
  page: { page: number; pageSize: number },
  total: number,
): Pagination & { pageCount: number } {
  return {
    page: page.page,
    pageSize: page.pageSize,
    pageCount: Math.ceil(total / page.pageSize),
    total,
  }
}
