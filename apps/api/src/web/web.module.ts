import { Module } from '@nestjs/common';
import { AdminPagesController } from './admin/admin-pages.controller';
import { CaseloadPageController } from './caseload/caseload-page.controller';
import { DashboardController } from './dashboard/dashboard.controller';
import { PageAudit } from './page-audit';
import { SignInPagesController } from './sign-in/sign-in-pages.controller';
import { VictimPagesController } from './victim/victim-pages.controller';

/**
 * The web service for officers, PCC and national analysts, and administrators: server-rendered GOV.UK pages inside the API
 * process, signed in through the session (see docs/web.md). Each page decides with the access
 * policy and uses the API's use cases; `useWebSecurity` mounts what runs before the pages.
 */
@Module({
  controllers: [
    SignInPagesController,
    CaseloadPageController,
    VictimPagesController,
    AdminPagesController,
    DashboardController,
  ],
  providers: [PageAudit],
})
export class WebModule {}
