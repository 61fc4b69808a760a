namespace Reconciliation;
