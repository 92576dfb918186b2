#!/usr/bin/perl
# Wires Request Tracker 5 to the selfcheck relay's request links (docs/intake.md, "Support request links"):
# a ticket custom field "Selfcheck diagnostic" and a scrip. When an agent sets the field to "requested" on a
# ticket, RT asks the relay for a request link for that ticket and sends it to the requestor as a reply, in
# English and French. The customer clicks the link, presses one button, and the bundle joins the ticket.
#
# Run once, as the RT user, with RT's site config in place:
#   perl -I/usr/share/request-tracker5/lib selfcheck-rt-setup.pl "Support"        # the queue's name
# and add to RT_SiteConfig.pm (the token is the relay's [requests] agent_token):
#   Set($SelfcheckRelayURL, 'https://support.example.com');
#   Set($SelfcheckRelayToken, 'the-agent-token');
use strict;
use warnings;
use RT;
RT::LoadConfig();
RT::Init();

my $queue_name = shift @ARGV or die "usage: selfcheck-rt-setup.pl QUEUE\n";
my $queue = RT::Queue->new(RT->SystemUser);
$queue->Load($queue_name) or die "no queue '$queue_name'\n";

my $cf = RT::CustomField->new(RT->SystemUser);
$cf->LoadByName(Name => 'Selfcheck diagnostic', LookupType => 'RT::Queue-RT::Ticket');
unless ($cf->id) {
    my ($ok, $msg) = $cf->Create(
        Name        => 'Selfcheck diagnostic',
        Type        => 'SelectSingle',
        LookupType  => 'RT::Queue-RT::Ticket',
        Description => 'Set to "requested" to send the customer a selfcheck request link',
    );
    die "custom field: $msg\n" unless $ok;
    $cf->AddValue(Name => 'requested', SortOrder => 1);
}
my ($applied, $why) = $cf->AddToObject($queue);
die "custom field on queue: $why\n" unless $applied || $why =~ /already/i;

my $condition = <<'PERL';
my $txn = $self->TransactionObj;
return 0 unless $txn->Type eq 'CustomField';
my $cf = RT::CustomField->new(RT->SystemUser);
$cf->Load($txn->Field);
return 0 unless $cf->id && $cf->Name eq 'Selfcheck diagnostic';
return (($self->TicketObj->FirstCustomFieldValue('Selfcheck diagnostic') // '') eq 'requested') ? 1 : 0;
PERL

my $commit = <<'PERL';
require HTTP::Tiny;
require JSON::PP;
my $ticket = $self->TicketObj;
my $base = RT->Config->Get('SelfcheckRelayURL') // '';
my $token = RT->Config->Get('SelfcheckRelayToken') // '';
$base =~ s{/+$}{};
my $res = HTTP::Tiny->new(timeout => 20)->post("$base/v1/requests", {
    headers => { 'Authorization' => "Bearer $token", 'Content-Type' => 'application/json' },
    content => JSON::PP::encode_json({ ticket => '' . $ticket->id }),
});
unless ($res->{success}) {
    RT->Logger->error("selfcheck: the relay answered $res->{status} to a request link for ticket " . $ticket->id);
    $ticket->Comment(Content => "selfcheck: no request link could be made (the relay answered $res->{status}). Check SelfcheckRelayURL and SelfcheckRelayToken.");
    return 0;
}
my $link = eval { JSON::PP::decode_json($res->{content})->{url} } // '';
return 0 unless $link =~ m{^https?://[^\s]+/r/[0-9A-Z-]+$};
my ($ok) = $ticket->Correspond(Content => join("\n",
    "To help us solve this, please send us a diagnostic of your computer:",
    "open this link on the computer that has the problem, then press \"Send to support\".",
    "",
    $link,
    "",
    "Pour nous aider, envoyez-nous un diagnostic de votre ordinateur :",
    "ouvrez ce lien sur l’ordinateur qui a le problème, puis appuyez sur « Envoyer à l’assistance ».",
    "",
    "The link works once, for 7 days. / Le lien fonctionne une fois, pendant 7 jours.",
));
return $ok;
PERL

my $scrips = RT::Scrips->new(RT->SystemUser);
$scrips->Limit(FIELD => 'Description', VALUE => 'selfcheck: send a request link');
unless ($scrips->First) {
    my $scrip = RT::Scrip->new(RT->SystemUser);
    my ($ok, $msg) = $scrip->Create(
        Queue                  => $queue->id,
        Description            => 'selfcheck: send a request link',
        ScripCondition         => 'User Defined',
        ScripAction            => 'User Defined',
        Template               => 'Blank',
        CustomIsApplicableCode => $condition,
        CustomPrepareCode      => 'return 1;',
        CustomCommitCode       => $commit,
    );
    die "scrip: $msg\n" unless $ok;
}
print "selfcheck request links wired to queue '$queue_name'\n";
