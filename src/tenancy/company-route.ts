import { problemResponses } from '../http/schemas.js';
import { routeBuilder } from '../http/route.js';
import { admin, requireCompany, requireSession, writer } from './session.middleware.js';

/**
 * A route of the accountant API (`/api/v1`): `access` says who may call it — `public` anyone,
 * `session` any signed-in user, `read` any member of the path's company, `write` an accountant or admin of it,
 * `admin` its admin — and every route also answers the API's problems (http/schemas.ts).
 */
export const accountantRoute = routeBuilder(
  {
    public: [],
    session: [requireSession],
    read: [requireSession, requireCompany],
    write: [requireSession, requireCompany, writer],
    admin: [requireSession, requireCompany, admin],
  },
  problemResponses,
);
