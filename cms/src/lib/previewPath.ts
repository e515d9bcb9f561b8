/** Where an editor previews a chapter's draft: the server's route (`:id`) and the admin's preview button. */
export const previewPath = (id: string) => `/forhandsvisning/kapittel/${id}/`
