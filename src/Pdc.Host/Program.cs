using System.CommandLine;
using Pdc.Host.Commands;
using Pdc.Streaming.Ingest;

SocketCompletions.PreferInline();

var root = new RootCommand(
    """
    Pdc: a phasor data concentrator for IEEE C37.118 (2005 and 2011).

    Start here:
      pdc demo                        simulated PMUs, the concentrator and an output stream, no config needed
      pdc run --config pdc.json       the PDC itself
      pdc inspect capture.pcap        what streams a capture holds, and their health
      pdc inspect capture.pcap --frames   every decoded frame
      pdc simulate --pmus 4 --scenario demo   PMUs to connect a PDC to, with a minute of grid events
      pdc replay capture.pcap --demo --out aligned.pcapng   push a capture through the concentrator
    """)
{
    DemoCommand.Create(),
    RunCommand.Create(),
    InspectCommand.Create(),
    SimulateCommand.Create(),
    ReplayCommand.Create(),
};

return await root.Parse(args).InvokeAsync();
