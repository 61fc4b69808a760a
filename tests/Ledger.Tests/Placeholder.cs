namespace Ledger.Tests;
