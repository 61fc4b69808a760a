namespace Reconciliation.Tests;
