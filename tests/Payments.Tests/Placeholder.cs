namespace Payments.Tests;
