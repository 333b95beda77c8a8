/** Strapi's `meta.pagination` for one page of `total` items. */
export function paginationOf(page: { page: number; pageSize: number }, total: number) {
  return {
    page: page.page,
    pageSize: page.pageSize,
    pageCount: Math.ceil(total / page.pageSize),
    total,
  }
}
