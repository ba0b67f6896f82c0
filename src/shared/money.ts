/**
 * Money in Innfri: the server's name for the `@innfri/money` package (packages/money), which the
 * web UI uses too, so the Ore type, the safe-integer guard, `kr 1 234,50` and the rounding rule
 * have one implementation. Server code keeps importing from here.
 */
export * from '@innfri/money';
