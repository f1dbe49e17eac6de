export { listSavedViews, createSavedView, deleteSavedView, MAX_VIEWS_PER_USER, type SavedView } from './saved-views.js';
