using System.CommandLine;
using Pdc.Host.Commands;

var root = new RootCommand(
    """
    Pdc: a phasor data concentrator for IEEE C37.118 (2005 and 2011).

    Start here:
      pdc inspect capture.pcap        what streams a capture holds, and their health
      pdc inspect capture.pcap --frames   every decoded frame
    """)
{
    InspectCommand.Create(),
};

return await root.Parse(args).InvokeAsync();
